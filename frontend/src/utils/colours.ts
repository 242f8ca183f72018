/** Unit status colours, shared by the 楼盘表 and the home chart so the legend means one thing. */
export const UNIT_COLOURS: Record<string, string> = {
  available: '#a8b3c7',
  subscribed: '#f0a020',
  contracted: '#1f6feb',
  delivered: '#18a058',
}
