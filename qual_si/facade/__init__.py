"""The parts of the :class:`qual_si.Project` facade, one module per area of work.

Each module holds a mixin with the public methods for one area; ``project.py`` composes them.
Mixins resolve user references (names or ids), call the services and the store, and return
plain records from ``model.py`` or pandas DataFrames.
"""
