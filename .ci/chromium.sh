# Sourced by .ci/run: Debian's Chromium and its ChromeDriver for the admin console's browser test (installed from
# Debian's packages when missing; nothing is downloaded by Selenium). Exports HONCHAT_TEST_CHROMEDRIVER.
if [[ ! -x /usr/bin/chromedriver || ! -x /usr/bin/chromium ]]; then
  echo "ci: installing chromium and chromium-driver from Debian packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
export HONCHAT_TEST_CHROMEDRIVER=/usr/bin/chromedriver
export HONCHAT_TEST_CHROMIUM=/usr/bin/chromium
echo "ci: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)" >&2
