"""neurodiff.scales"""
