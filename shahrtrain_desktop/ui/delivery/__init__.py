"""Stage 4 widgets: the attendance grid, its panel and the offering status buttons."""
