/**
 * The place as coordinators give it in passing (issue 14, sixth round): "plats Väven" without a colon, a name
 * alone after the time ("kl. 14, Kajstubben"), a room written with a capital and its building after it
 * ("Room 4, Malmö City Hall", "sal 2, Rådhuset").
 */
import { describe, expect, it } from 'vitest';
import { parseInviteRequest } from '../../src/invite/parse.js';

const parse = (r: string) => parseInviteRequest(r, '2026-10-01');

describe('the place named alone', () => {
  it.each([
    ['Träff med företagare i Umeå 19 november kl 9 på förmiddagen, plats Väven', 'Väven'],
    ['Julfika för sociala företag i Landskrona 15 december kl. 14, Kajstubben', 'Kajstubben'],
    ['Inbjudan till afterwork för projektgruppen torsdag 26 november kl 17, Pubben på Storgatan', 'Pubben på Storgatan'],
    ['Please draft an invitation to a workshop on reserved contracts on 3 December at 2 pm, Room 4, Malmö City Hall', 'Room 4, Malmö City Hall'],
    ['Möte med sociala företag 5 november kl 9, sal 2, Rådhuset', 'sal 2, Rådhuset'],
  ])('%s → %s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
  it('a platform, a weekday or a month after the time is no place', () => {
    expect(parse('Bjud in till ett möte med leverantörer om flytt måndag 30 november kl 10, Teams').place).toBeNull();
    expect(parse('Möte med sociala företag kl 10, Torsdag.').place).toBeNull();
  });
});

describe('venues with a lower-case head', () => {
  it.each([
    ['Dialogmöte för unga vuxna i Uddevalla om jobb i kommunens kök. Fredag 25 juni kl 11–12.30 på Kajplatsens kök.', 'Kajplatsens kök'],
    ['Bjud in nyanlända kvinnor i Karlskrona till en träff. Söndag 14 mars klockan 14-16 i Trossö kyrkans församlingshem.', 'Trossö kyrkans församlingshem'],
    ['Invitation for residents of Laxå to plan a community garden. Saturday 1 May, 10am–1pm, at the sports ground clubhouse. Bring gloves!', 'the sports ground clubhouse'],
    ['Kan du göra en inbjudan till Pernilla på Bärlinans Flytt? Vill bjuda henne på lunch. Om en vecka, kl 12, Forsnackans café.', 'Forsnackans café'],
  ])('%s → %s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
});
