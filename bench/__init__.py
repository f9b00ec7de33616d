"""`make bench`: the load benchmark of issue 7 (see README, "Speed: make bench")."""
