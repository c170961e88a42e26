// Names of generated grids.

/** '东铺头社区居委会' → '东铺头社区', '后坂村委会' → '后坂村': the name grids are called after. */
export function villageShortName(name: string): string {
  const rules: [RegExp, string][] = [
    [/社区居民委员会$/, '社区'],
    [/社区居委会$/, '社区'],
    [/居民委员会$/, '社区'],
    [/居委会$/, '社区'],
    [/村民委员会$/, '村'],
    [/村委会$/, '村'],
  ];
  for (const [re, rep] of rules) if (re.test(name)) return name.replace(re, rep);
  return name;
}

/** '东铺头社区' + 3 → '东铺头社区第3网格'. */
export function gridName(villageName: string, seq: number): string {
  return `${villageShortName(villageName)}第${seq}网格`;
}
