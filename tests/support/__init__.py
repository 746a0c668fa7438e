"""Helpers shared by tests and benchmarks: a real terminal (tmux) and a real SSH server (sshd)."""
