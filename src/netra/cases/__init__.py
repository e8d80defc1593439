"""Reports and findings in, cases through the statutory procedure, recaps out."""
