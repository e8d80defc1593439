"""YAML data of the rulebook (a package so the files ship in wheels)."""
