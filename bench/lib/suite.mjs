/** Entry wrapper for suite modules run as child processes by run.mjs. */

/** Run `body`, post its result (or its error) to the parent, then exit. */
export async function suiteMain(body) {
  let result;
  try {
    result = await body();
  } catch (error) {
    result = { error: String(error?.stack ?? error) };
  }
  if (process.send) process.send({ type: 'result', result }, () => process.exit(0));
  else {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  }
}
