"""Research code: training data assembly, experiments and evaluations of the shipped models.

Not part of the installed package (nothing here runs for users); ``scripts/`` and ``benchmarks/`` import
it from a source checkout.
"""
