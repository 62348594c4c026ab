"""dossier: turn raw, scraped articles into a published briefing dossier.

The package is laid out as the stages of the build, each a module with one job:

``read`` (bytes → text) → ``clean`` (boilerplate out, audited) → ``structure``
(title, headings, paragraphs, references) → ``enrich`` (summary, links) →
``render`` (Markdown pages).  ``pipeline`` runs them; ``cli`` is the command line.
"""

__version__ = "0.1.0"
