"""Full screens: the dashboard, one checklist, and the too-small notice."""
