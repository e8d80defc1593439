"""Tanya Aturan: "Bolehkah ASN ...?" answered from the rulebook and a curated FAQ, with sources.

The pure part (`reading`, `faq`, `search`, `consult`) imports no Django and serves `netra ask`;
the Django app (models, services, selectors, views) adds the public page and the desk queue
where staff answer what the FAQ and the rulebook could not, and publish the answers.
"""
