// Claimbook's behaviour beyond htmx. No inline script anywhere: the Content-Security-Policy forbids it.
