"""The build benchmark: synthetic boards built cold and warm, and against peer generators."""
