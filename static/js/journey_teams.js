// The expected head counts as organisers type them: "Munich: 40" per line, as the API takes it: [{team, expected}].
export function parseTeams(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.lastIndexOf(":");
    const expected = Number(line.slice(at + 1).trim());
    if (at < 1 || !Number.isInteger(expected)) throw new Error(`write each team as "Name: head count" ("${line}")`);
    return { team: line.slice(0, at).trim(), expected };
  });
}
