import express from 'express';
import axios from 'axios';
import { FrontClient } from './front/FrontClient';
import { addContactNote } from './front/notes';

const FRONT_TOKEN = process.env.FRONT_API_TOKEN ?? '';
const front = new FrontClient(FRONT_TOKEN, process.env.FRONT_TEAM_ID ?? '');

const app = express();
app.use(express.json());
app.use(express.static('public'));

// Our own back-office API (served to src/web/TeamContactsPanel.tsx). These are OUR routes;
// the handlers call Front.
app.get('/teams/:id/contacts', async (req, res, next) => {
  try {
    const { data } = await axios.get(`https://api2.frontapp.com/teams/${req.params.id}/contacts`, {
      headers: { Authorization: `Bearer ${FRONT_TOKEN}` },
      params: { limit: 50, page_token: req.query.page_token },
    });
    res.json(data._results);
  } catch (err) {
    next(err);
  }
});

app.post('/teams/:id/contacts', async (req, res, next) => {
  try {
    res.status(201).json(await front.createTeamContact(req.params.id, req.body));
  } catch (err) {
    next(err);
  }
});

app.get('/contacts/:contactId', async (req, res, next) => {
  try {
    res.json(await front.getContact(req.params.contactId));
  } catch (err) {
    next(err);
  }
});

app.post('/contacts/:contactId/notes', async (req, res, next) => {
  try {
    await addContactNote(req.params.contactId, { authorId: req.body.authorId, body: req.body.body });
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

app.listen(Number(process.env.PORT ?? 3000), () => console.log('acme-front-bridge listening'));
