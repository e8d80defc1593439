"""Staff accounts: a procedural role, a region scope, and hashed API tokens."""
