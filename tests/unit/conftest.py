import pytest

from workshop.store import Store


@pytest.fixture
def store(tmp_path):
    """A store over a fresh SQLite file, with no app around it."""
    store = Store(str(tmp_path / "bowtie.db"))
    yield store
    store.close()
