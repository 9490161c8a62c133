"""neurodiff.knowledge"""
