"""Running a build: the pipeline, workers, a Dask cluster, the extraction cache, progress."""
