"""The pure core of newsreader: loading, Vietnamese text, extraction, storage. No UI imports."""
