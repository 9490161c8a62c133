"""neurodiff.engine"""
