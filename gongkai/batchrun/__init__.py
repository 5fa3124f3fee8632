"""The parts of the batch engine behind ``gongkai extract``.

``inputs`` expands and hashes the input files, ``work`` turns one file into plain rows,
``store`` keeps each finished file's rows on disk (the cache that makes runs resumable),
``pool`` and ``executors`` run the work on local processes or a Dask cluster,
``progress`` reports on the way, and ``assemble`` writes the dataset from the store in
input order. ``gongkai.batch.run_batch`` ties them together.
"""
