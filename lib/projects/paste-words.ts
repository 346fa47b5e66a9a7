// Words of ordinary English mail that a paste never offers as function names. The catalog holds some of them
// (fork, read, mount, time, function, …): those are taken only where the text lists them or writes them as calls.
const WORDS = `
a about above absolutely according actually after again against ago all almost along already also although always
am among an and another any anyone anything anyway anywhere apart appreciate are around as ask asked at available
away back bad be because become been before being below best better between big both bug bugs but by call called
calling calls can cannot case cases cause change changed changes check child children clear code comment comments
could current currently day days dear did different do does doing done down during each easy either else email end
enough even ever every everything example except fact far feel few file files find fine first fix fixed fixes
follow following for found free from further get gets getting give given glad go goes going gone good got great
guess had half handle happen happens hard has have having he hello help her here hi him his hope how however i
idea if important in include including instead into is issue issues it its itself just keep kind know known last
later least less let like likely line lines list little long look looking looks lot lots made mail main make makes
many may maybe me mean means might mind mine more most much must my myself need needed needs never new next nice no
none nor not note nothing now of off often ok okay old on once one ones only or order other others otherwise our
ours out over own part patch patches path people perhaps place please point possible post probably problem
problems process program programs question questions quite rather re real really reason regards reply right run
running safe safely said same say says see seem seems seen sent set should side since so some someone something
sometimes soon sorry still stuff such suggest sure take taken than thank thanks that the their them then there
these they thing things think this those though thought through thread threaded threads to today together tomorrow
too tried true try trying two under understand unless until up upon us use used useful uses using usual usually
various very via want wanted wants was way ways we week well went were what whatever when where whether which while
who whole why will wish with within without wonder work works would wrong wrote year years yes yesterday yet you
your yours yourself
abort abs accept access alarm assert bind ceil clock close connect creat div dup error exit exp finite floor fork
function gamma glob index kill link listen log login logout mount nan open pause pipe poll pow raise rand random read
recv remainder remove rename rewind round select send signal sin sleep socket stat sync system tan time times trunc
truncate wait warn write
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
`;

export const ENGLISH_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** An ordinary word of mail, a weekday or a month (any case), or a contraction ("don't", "I'm"). */
export function isEnglish(word: string): boolean {
  return word.includes("'") || ENGLISH_WORDS.has(word.toLowerCase());
}
