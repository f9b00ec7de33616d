"""Fetching the official releases the importers read: where they live (``releases.toml``), downloading them
politely, checking them, and placing them in ``DATA_DIR`` where ``import_data all`` finds them."""
