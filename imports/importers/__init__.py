"""One module per official dataset; ``imports.registry`` maps dataset names to their importer classes."""
