"""The zoomable timeline: date axis, lanes, eras, events, cursor, overview."""
