// The tab bar's icons: small inline SVGs (no icon font to download), drawn with currentColor.
const common = {
  width: 24,
  height: 24,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};

export const CameraIcon = () => (
  <svg {...common}>
    <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
    <circle cx="12" cy="13" r="3.5" />
  </svg>
);
export const TrackIcon = () => (
  <svg {...common}>
    <circle cx="11" cy="11" r="6" />
    <path d="M20 20l-4.5-4.5" />
    <path d="M8.5 11l1.8 1.8L13.5 9.5" />
  </svg>
);
export const ResultsIcon = () => (
  <svg {...common}>
    <path d="M5 4h14v16H5z" />
    <path d="M8 9l2 2 4-4" />
    <path d="M8 15h8" />
  </svg>
);
export const VoteIcon = () => (
  <svg {...common}>
    <path d="M4 14h16v6H4z" />
    <path d="M8 14V5h8v9" />
    <path d="M10 9l1.5 1.5L14 8" />
  </svg>
);
export const CalendarIcon = () => (
  <svg {...common}>
    <path d="M4 6h16v14H4z" />
    <path d="M4 10h16M8 3v5M16 3v5" />
    <path d="M8 14h3" />
  </svg>
);
export const PersonIcon = () => (
  <svg {...common}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4.5 20c1-4 4-6 7.5-6s6.5 2 7.5 6" />
  </svg>
);
