"""neurodiff.web"""
