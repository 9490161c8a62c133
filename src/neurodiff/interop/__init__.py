"""neurodiff.interop"""
