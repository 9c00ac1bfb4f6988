"""Git integration: the pre-commit hook, the external diff driver and the textconv filter.

``git`` runs every git command (argument lists, no shell); ``selection`` decides
which paths are resolution texts and how strictly to check them;
``precommit`` checks staged blobs and summarises their clause-level changes;
``diffdriver`` implements git's external diff protocol and textconv;
``install`` writes the hook script, the ``diff.resdiff`` config and
``.gitattributes``.
"""
