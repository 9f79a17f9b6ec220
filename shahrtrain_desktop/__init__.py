"""ShahrTrain Desktop: training and certification for a governorate's municipal training office."""

__version__ = "0.1.0"
APP_NAME = "ShahrTrain"
APP_AUTHOR = "ShahrTrain"
