# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment(object):
    """The connection options, written once for every module and the inventory plugin."""

    # For modules.
    DOCUMENTATION = r"""
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
      - It must be C(https://), so that the API key is sent only over TLS. C(http://) is accepted only to a
        loopback address (V(127.0.0.0/8), V(::1), V(localhost)), such as the emulator of the collection's
        tests; any other C(http://) URL fails before any request is sent.
      - Redirects are never followed (the API does not redirect, and a redirect could carry the key to
        another host), so an answer with an HTTP 3xx status fails.
    type: str
    default: https://api.leaseweb.com
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
      - Set to V(false) only for a test endpoint you control. Every task then warns that the certificate
        is not verified (whoever can intercept the connection could read the API key).
    type: bool
    default: true
  api_timeout:
    description:
      - Seconds to wait for the connection, and then for the answer, of one HTTP request.
      - A request with no answer in that time fails, and is repeated as O(api_retries) says (never for a POST,
        which may have been carried out). So an API that accepts connections but never answers ends a task after
        about O(api_timeout) seconds times the attempts, plus the pauses between them, with a message that names
        the request.
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
"""

    # For the inventory plugin: the same options, with their configuration sources.
    INVENTORY = r"""
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
      - It must be C(https://), so that the API key is sent only over TLS. C(http://) is accepted only to a
        loopback address (V(127.0.0.0/8), V(::1), V(localhost)), such as the emulator of the collection's
        tests; any other C(http://) URL fails the inventory source before any request is sent.
      - Redirects are never followed (the API does not redirect, and a redirect could carry the key to
        another host), so an answer with an HTTP 3xx status fails the inventory source.
    type: str
    default: https://api.leaseweb.com
    env:
      - name: LEASEWEB_API_URL
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
      - Set to V(false) only for a test endpoint you control. The inventory then warns that the certificate
        is not verified (whoever can intercept the connection could read the API key).
    type: bool
    default: true
  api_timeout:
    description:
      - Seconds to wait for the connection, and then for the answer, of one HTTP request.
      - A request with no answer in that time fails, and is repeated as O(api_retries) says (never for a POST,
        which may have been carried out). So an API that accepts connections but never answers ends a task after
        about O(api_timeout) seconds times the attempts, plus the pauses between them, with a message that names
        the request.
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
"""

    # For the lookup plugins: the same options, read from the lookup's keywords, then the environment.
    LOOKUP = r"""
options:
  api_key:
    description:
      - The API key of your Leaseweb account, sent in the C(X-LSW-Auth) header.
      - If not set, the environment variable E(LEASEWEB_API_KEY) is used, then E(LEASEWEB_TOKEN).
      - It never appears in a result, a message or a log line.
    type: str
    env:
      # the last one set wins: LEASEWEB_API_KEY over LEASEWEB_TOKEN, as for the modules
      - name: LEASEWEB_TOKEN
      - name: LEASEWEB_API_KEY
  api_url:
    description:
      - Base URL of the Leaseweb API, without the C(/bareMetals/v2) path.
      - It must be C(https://), so that the API key is sent only over TLS. C(http://) is accepted only to a
        loopback address (V(127.0.0.0/8), V(::1), V(localhost)), such as the emulator of the collection's
        tests; any other C(http://) URL fails the lookup before any request is sent.
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
      - Seconds to wait for the connection, and then for the answer, of one HTTP request.
    type: int
    default: 30
  api_retries:
    description:
      - How many times one request is repeated after a transient failure (HTTP 429, 502,
        503, 504, timeouts, dropped connections), honouring C(Retry-After).
    type: int
    default: 5
requirements:
  - requests
"""
