"""`jobsite serve`: the live preview server, its state, rebuilds and watcher."""
