"""Face detection, encodings and nearest-face search.

Kept import-light on purpose: importing this package must not load dlib,
the models or Flask. `tracing.faces.encoder` loads the models lazily on
first use (once per process); `tracing.faces.index` needs only numpy.
"""
