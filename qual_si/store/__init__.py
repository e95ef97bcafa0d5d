"""Persistence: SQLAlchemy Core schema, migrations, write transactions with an audit trail."""

from .store import Store
from .tx import Tx

__all__ = ["Store", "Tx"]
