"""neurodiff.criteria"""
