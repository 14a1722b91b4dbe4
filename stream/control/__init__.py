"""What operators steer a running service with: the rules file and its watcher, silences, backtests."""
