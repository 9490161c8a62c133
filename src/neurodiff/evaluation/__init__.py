"""Measure the engine: ranking and calibration metrics over labelled cases."""
