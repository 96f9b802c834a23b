"""A stand-in for buildbot-www (not packaged by Debian): serves one static page so that the
master starts its web server, and with it the REST API that Nightwatch reads."""
from buildbot.www.plugin import Application

ep = Application(__name__, "Nightwatch lab stand-in for buildbot-www")
