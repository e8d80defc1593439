"""The wilayah tree (provinsi > kabupaten/kota) every case and officer is scoped by."""
