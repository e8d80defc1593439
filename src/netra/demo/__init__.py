"""The demonstration dataset of `make demo`: users, regions and cases made through the real
services. It is not case handling, so it lives apart and nothing below the command line imports
it."""
