"""Running Netra's framework-free work on a cluster (Dask): adapters only, no logic of their own."""
