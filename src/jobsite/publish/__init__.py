"""Publishing: staging, page writing, assets, feeds, sitemap and the search index."""
