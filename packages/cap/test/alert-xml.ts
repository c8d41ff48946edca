/** A small valid CAP 1.2 alert; tests change one thing in it with `.replace` so each states only what matters. */
export const BASE_ALERT = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>HW-2024-0001</identifier>
  <sender>alerts@homeward.example</sender>
  <sent>2024-05-01T10:00:00+02:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Safety</category>
    <event>Civil unrest</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <area>
      <areaDesc>Old town</areaDesc>
      <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14</polygon>
      <circle>38.5,-120.0 5.5</circle>
    </area>
  </info>
</alert>
`;

/** The base alert's <alert> element alone, for wrapping in `<alerts>` or EDXL-DE. */
export const BASE_ALERT_ELEMENT = BASE_ALERT.replace(/^<\?xml[^>]*>\n/, '');

export function edxl(...alerts: string[]): string {
  const objects = alerts
    .map((a) => `<contentObject><xmlContent><embeddedXMLContent>${a}</embeddedXMLContent></xmlContent></contentObject>`)
    .join('\n');
  return `<?xml version="1.0"?>
<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
  <distributionID>d1</distributionID>
  <contentObject><contentDescription>not CAP</contentDescription><xmlContent><embeddedXMLContent><other xmlns="urn:x"/></embeddedXMLContent></xmlContent></contentObject>
  ${objects}
</EDXLDistribution>`;
}
