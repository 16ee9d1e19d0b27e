#!/usr/bin/python3
"""Exports tempest's compute response schemas (servers, flavors, versions) to JSON files.

Run with /usr/bin/python3 from any directory except tempest's own package folder:
    /usr/bin/python3 export_schemas.py <output dir>
Each file is named <client>.<schema name>@<min>-<max>.json after the row of the tempest
client's schema_versions_info table the module belongs to (max "latest" = no upper bound).
"""
import json
import os
import sys

from tempest.lib.services.compute import flavors_client, servers_client, versions_client

NAMES = {
    servers_client.ServersClient: ["get_server", "list_servers", "list_servers_detail", "create_server",
                                   "create_server_with_admin_pass", "update_server",
                                   "list_instance_actions", "get_instance_action"],
    flavors_client.FlavorsClient: ["list_flavors", "list_flavors_details", "create_update_get_flavor_details",
                                   "list_flavor_extra_specs"],
}


def main(out):
    os.makedirs(out, exist_ok=True)
    for client, names in NAMES.items():
        prefix = client.__module__.rsplit(".", 1)[1].replace("_client", "")
        for row in client.schema_versions_info:
            for name in names:
                schema = getattr(row["schema"], name, None)
                if schema is None:
                    continue
                lo = row["min"] or "2.1"
                hi = row["max"] or "latest"
                with open(os.path.join(out, f"{prefix}.{name}@{lo}-{hi}.json"), "w") as f:
                    json.dump(schema, f, indent=1, sort_keys=True)
    from tempest.lib.api_schema.response.compute.v2_1 import versions
    for name in ["get_one_version", "list_versions"]:
        with open(os.path.join(out, f"versions.{name}@2.1-latest.json"), "w") as f:
            json.dump(getattr(versions, name), f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
