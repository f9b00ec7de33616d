import csv
import io
import json
import re


def api_get(client, path, **headers):
    return client.get(path, **headers)


def json_of(response, status=200, content_type="application/json"):
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"] == content_type
    return json.loads(response.content)


def every_api_unitid(client, query):
    """The UNITIDs of every page of an API school search, in order, following its ``next`` links."""
    unitids, url = [], f"/api/v1/schools?{query}"
    while url:
        body = json_of(client.get(url))
        unitids += [school["unitid"] for school in body["results"]]
        url = body["next"]
    return unitids


def csv_unitids(client, query):
    response = client.get(f"/schools/?{query}&format=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return [row["unitid"] for row in csv.DictReader(io.StringIO(text))]


def html_page_unitids(client, query):
    html = client.get(f"/schools/?{query}").content.decode()
    return re.findall(r'name="unitid" value="([0-9]+)"', html)
