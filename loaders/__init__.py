"""The output side: one graph -> rows conversion shared by every sink, then the sinks."""
