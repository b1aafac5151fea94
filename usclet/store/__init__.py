"""One interface to the record over two engines.

`factory` opens a store file with its engine (`jsonfile`, TinyDB JSON; `sqlite`);
`base` is the interface both answer (`Store`, `Transaction`) and `filters` the
reference meaning of their filters; `convert` copies a store into the other engine;
`files` writes files atomically under the writers' lock. The query layer, check,
ingest and convert use only `Store` and its `Transaction`; nothing else touches a
store file.
"""

from usclet.store.factory import create, default_path, engine_of, open_store  # noqa: F401
