"""The reader site and open data: what readers may see, search, pages, the API, feeds, exports and Web
Annotations, and the reader index those reads use."""
