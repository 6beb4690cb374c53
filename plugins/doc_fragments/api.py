# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment(object):
    """The connection options, written once for every module and the inventory plugin."""

    # For modules.
    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - The API key of your Leaseweb account, sent in the C(X-LSW-Auth) header.
      - Create one in the Customer Portal under API keys.
      - If not set, the environment variable E(LEASEWEB_API_KEY) is used, then E(LEASEWEB_TOKEN).
      - It never appears in a result, a message or a log line.
    type: str
    required: true
  api_url:
    description:
      - Base URL of the Leaseweb API, without the C(/bareMetals/v2) path.
      - If not set, the environment variable E(LEASEWEB_API_URL) is used, then the default.
    type: str
    default: https://api.leaseweb.com
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
      - Set to V(false) only for a test endpoint you control.
    type: bool
    default: true
  api_timeout:
    description:
      - Seconds to wait for the answer to one HTTP request.
    type: int
    default: 30
  api_retries:
    description:
      - How many times one request is repeated after a transient failure, with jittered
        exponential backoff, or after the delay the API asks for in C(Retry-After).
      - Rate limiting (HTTP 429) and unavailability (HTTP 503) are retried for every request.
        Gateway errors (HTTP 502, 504), timeouts and dropped connections are retried only for
        reads and idempotent writes (GET, PUT, DELETE); an action sent with POST (power, install,
        null route, ...) is never repeated after such an ambiguous failure, so that it never runs twice.
      - Retries of one request also stop once 300 seconds would have been spent waiting.
      - V(0) disables retries.
    type: int
    default: 5
requirements:
  - requests
notes:
  - The modules talk to the API from the host they run on; run them on the controller,
    in a play on C(localhost) or with C(delegate_to=localhost).
seealso:
  - name: Leaseweb Dedicated Servers API
    description: The API these modules use.
    link: https://developer.leaseweb.com/docs/#tag/Dedicated-Servers
'''

    # For the inventory plugin: the same options, with their configuration sources.
    INVENTORY = r'''
options:
  api_key:
    description:
      - The API key of your Leaseweb account, sent in the C(X-LSW-Auth) header.
      - May be a template, for example a lookup of a secret store.
      - If not set, the environment variable E(LEASEWEB_API_KEY) is used, then E(LEASEWEB_TOKEN).
      - It never appears in a result, a message or a log line.
    type: str
    required: true
    env:
      # the last one set wins: LEASEWEB_API_KEY over LEASEWEB_TOKEN, as for the modules
      - name: LEASEWEB_TOKEN
      - name: LEASEWEB_API_KEY
  api_url:
    description:
      - Base URL of the Leaseweb API, without the C(/bareMetals/v2) path.
    type: str
    default: https://api.leaseweb.com
    env:
      - name: LEASEWEB_API_URL
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
    type: bool
    default: true
  api_timeout:
    description:
      - Seconds to wait for the answer to one HTTP request.
    type: int
    default: 30
  api_retries:
    description:
      - How many times one request is repeated after a transient failure (HTTP 429, 502,
        503, 504, timeouts, dropped connections), honouring C(Retry-After).
      - Retries of one request also stop once 300 seconds would have been spent waiting.
    type: int
    default: 5
requirements:
  - requests
'''
