declare module 'vader-sentiment' { const v: { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number; pos: number; neg: number; neu: number } } }; export default v }
